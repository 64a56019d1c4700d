"""Names the pages share with their tests and the benchmark: the Overlap page's views."""

# The Overlap page's views, one tab each, in tab order; the first opens by default.
OVERLAP_VIEWS = (
    "Similarity",
    "Most similar",
    "Shared and unique",
    "Importance",
    "Categories",
    "Industries",
)
# The widget key of the Overlap page's tabs, and so the link parameter naming the open view.
OVERLAP_VIEW_KEY = "overlap_view"
