"""The browser step's second reference: Streamlit's own floor for a page shaped like Overlap.

Nothing of ours is in it: a two-page st.navigation app whose second page, served at /overlap
like the app's Overlap page, holds only a bare 5x5 plotly heatmap, under a sidebar with one
st.multiselect of roles (the searchable role picker the issue asks for). Its time beyond the
bare page is what Streamlit itself charges for a page that is not the home page (the browser
first looks for the server under /overlap, gets a 404, then tries /) and for a multiselect; the
app's time beyond this page is what our own page adds.
"""

import numpy as np
import plotly.graph_objects as go
import streamlit as st

ROLES = tuple(f"Role {number}" for number in range(1, 7))
# The Overlap page's url_path in dashboard/app.py (benchmarks.browser_steps.OVERLAP_PATH).
HEATMAP_PATH = "overlap"


def heatmap_page() -> None:
    """The page timed: a bare 5x5 heatmap, the same figure as reference_heatmap.py's."""
    st.plotly_chart(go.Figure(go.Heatmap(z=np.eye(5))), key="floor_heatmap")


def home_page() -> None:
    """The home page, never timed: only there so the heatmap page is not served at /."""
    st.write("Open the heatmap page.")


def main() -> None:
    """The app: the sidebar's role picker, then the two pages."""
    with st.sidebar:
        st.multiselect("Roles", options=ROLES, default=ROLES[:5], key="floor_roles")
    st.navigation(
        [
            st.Page(home_page, title="Home", default=True),
            st.Page(heatmap_page, title="Heatmap", url_path=HEATMAP_PATH),
        ]
    ).run()


# Streamlit runs its script as __main__; the tests import the module for its pages.
if __name__ == "__main__":
    main()
