"""The browser step's reference page: nothing but a bare 5x5 plotly heatmap.

Served by its own Streamlit server beside the app; its time to a drawn heatmap is what
Streamlit's frontend and plotly.js cost on their own, so the app is judged by the ratio.
"""

import numpy as np
import plotly.graph_objects as go
import streamlit as st

st.plotly_chart(go.Figure(go.Heatmap(z=np.eye(5))), key="reference_heatmap")
