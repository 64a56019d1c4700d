"""The Streamlit edge: cached loaders, sidebar controls and the per-run page context."""
