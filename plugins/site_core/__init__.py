"""The small shared core every plugin, the checker and the command-line tools build on.

It imports none of them (a test checks it): the problem type (``problems``), YAML front matter
(``frontmatter``), the registries of the content folder (``units`` for unit.yml, ``categories`` for
categories.yml), the article layout (``layout``), local links (``links``), the kinds of article
(``kinds``), the pure article rules (``rules``), the checks plugins contribute (``checks``), the typed settings
(``settings``: ``site_settings``, the ``DEFAULT_*`` constants), the per-build state (``state``) and the
project's own signals (``signals``). No plugin imports another: what two of them share is here. It is a library, not a Pelican plugin: it has no
``register()`` and is not listed in PLUGINS.
"""
