"""The hiring packet's download buttons, the same on Downloads and on the finder."""

from __future__ import annotations

from typing import Any

import streamlit as st

from dashboard.core.packet import PacketFile


def packet_button(file: PacketFile, key_prefix: str = "packet", where: Any = st) -> None:
    """A download button that builds the file only when clicked (a callable `data`).

    `where` is the container to draw in (a column, or the page); "ignore" skips the rerun a
    click would otherwise cause, which would give every button a new deferred file.
    """
    where.download_button(
        file.label,
        data=file.build,
        file_name=file.file_name,
        mime=file.mime,
        key=f"{key_prefix}_{file.key}",
        on_click="ignore",
        icon=":material/description:",
    )
