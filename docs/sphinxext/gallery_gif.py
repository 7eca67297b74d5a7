# SPDX-License-Identifier: BSD-3-Clause
"""sphinx-gallery image scraper for the GIF files that an example writes."""

import shutil
from pathlib import Path

from sphinx_gallery.scrapers import figure_rst


def scrape_gifs(block, block_vars, gallery_conf):
    """Move the GIF files that a code block wrote into the gallery's images.

    sphinx-gallery runs each example in the example's own folder and
    collects matplotlib figures by itself. An animation written with
    ``matplotlib.animation.PillowWriter`` is a file instead, so this scraper
    takes every ``*.gif`` in that folder after each code block, moves it to
    the next image path of the example and returns the reST that embeds
    it. Moving, not copying, keeps the example folder clean.

    conf.py names this function by its import path, not by the function
    object, because Sphinx pickles its configuration and cannot pickle a
    function defined in conf.py.
    """
    source_dir = Path(block_vars["src_file"]).parent
    image_paths = block_vars["image_path_iterator"]
    moved = []
    for gif in sorted(source_dir.glob("*.gif")):
        target = Path(next(image_paths)).with_suffix(".gif")
        shutil.move(gif, target)
        moved.append(str(target))
    return figure_rst(moved, gallery_conf["src_dir"])
