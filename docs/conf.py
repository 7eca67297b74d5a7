# SPDX-License-Identifier: BSD-3-Clause
"""Sphinx configuration of the skoptim documentation.

Build with ``bash scripts/docs.sh``, which runs
``sphinx-build -W --keep-going -b html docs docs/_build/html``.
"""

import os
import sys
from pathlib import Path

import skoptim

# The local extension module gallery_gif.py lives in docs/sphinxext.
sys.path.insert(0, str(Path(__file__).parent / "sphinxext"))

project = "skoptim"
author = "The skoptim developers"
copyright = "The skoptim developers"
release = skoptim.__version__
version = release

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.intersphinx",
    "sphinx.ext.mathjax",
    "numpydoc",
    "sphinx_gallery.gen_gallery",
]

templates_path = ["_templates"]
exclude_patterns = ["_build", "**.ipynb_checkpoints"]
root_doc = "index"

html_theme = "pydata_sphinx_theme"
html_title = f"skoptim {release}"
html_theme_options = {
    "navigation_with_keys": False,
    "show_toc_level": 2,
    # The conventions table has six columns and needs the page's full width.
    "secondary_sidebar_items": {"**": ["page-toc", "sourcelink"], "conventions": []},
}
html_sidebars = {"conventions": []}
html_static_path = ["_static"]
html_css_files = ["skoptim.css"]

# -- API reference ----------------------------------------------------------

autosummary_generate = True
autodoc_typehints = "none"
# The optimizer and schedule classes derive from scikit-learn's
# BaseEstimator for get_params, set_params and clone. The pages leave out
# the members that scikit-learn documents itself: those of BaseEstimator,
# of RegressorMixin (score) and of metadata routing, whose docstrings link
# to labels of scikit-learn's own documentation.
autodoc_default_options = {
    "members": True,
    "inherited-members": "BaseEstimator,RegressorMixin,_MetadataRequester",
    "exclude-members": (
        "get_metadata_routing,set_fit_request,set_partial_fit_request,"
        "set_score_request"
    ),
}
# numpydoc would list the members a second time in a table of its own.
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False

# -- Links to other projects' documentation ---------------------------------

# Intersphinx downloads each project's objects.inv when the build starts.
# The machines that build these docs (developers' and CI's) reach only
# package registries, so a fetch would fail and, under sphinx-build -W,
# fail the whole build. The mapping is therefore used only when
# SKOPTIM_DOCS_INTERSPHINX=1 is set, on a machine with network access;
# without it, references such as :class:`sklearn.linear_model.ElasticNet`
# render as plain code. No inventories are shipped in the repository,
# because they would go stale.
intersphinx_mapping = {}
if os.environ.get("SKOPTIM_DOCS_INTERSPHINX") == "1":
    intersphinx_mapping = {
        "python": ("https://docs.python.org/3", None),
        "numpy": ("https://numpy.org/doc/stable/", None),
        "scipy": ("https://docs.scipy.org/doc/scipy/", None),
        "sklearn": ("https://scikit-learn.org/stable/", None),
    }

# -- Example gallery --------------------------------------------------------


sphinx_gallery_conf = {
    "examples_dirs": "../examples",
    "gallery_dirs": "auto_examples",
    "filename_pattern": "/plot_",
    "within_subsection_order": "FileNameSortKey",
    # gallery_gif.scrape_gifs embeds the animated GIF of the Beale example.
    "image_scrapers": ("matplotlib", "gallery_gif.scrape_gifs"),
    "remove_config_comments": True,
    "min_reported_time": 1,
}
