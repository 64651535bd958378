"""Shared UI pieces, the tier below the pages: page shell and navigation (`layout`,
`navigation`), form fields, selects and cards (`forms`), dialogs, pager and text, and the pieces
several pages show: app icons and badges (`apps`), the work list (`work`), buying and payment
rows (`payments`). Pages import from here, never from another page; nothing here imports a page.
"""
