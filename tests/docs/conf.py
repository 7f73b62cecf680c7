# Sphinx configuration for the ibm.cos module docs site (tests/docs/build.sh).
# Based on `antsibull-docs sphinx-init`; intersphinx is off because the build
# must not depend on fetching inventories from other sites.

project = 'ibm.cos'
copyright = 'ibm.cos contributors'

title = 'IBM Cloud Object Storage Collection (ibm.cos)'
html_short_title = 'ibm.cos'

extensions = ['sphinx.ext.autodoc', 'sphinx_antsibull_ext']

pygments_style = 'ansible'
highlight_language = 'YAML+Jinja'

html_theme = 'sphinx_ansible_theme'
html_show_sphinx = False
display_version = False

html_use_smartypants = True
html_use_modindex = False
html_use_index = False
html_copy_source = False

default_role = 'any'

# Every unresolved reference is a warning, and warnings fail the build.
nitpicky = True
