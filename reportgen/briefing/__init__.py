"""The briefing layer: what the default workbook shows, and how its starter template is made.

The only layer that knows both facts and sheets: :mod:`.model` turns checked facts into
the scalars and collections a template shows; :mod:`.starter` writes the starter
template (``templates/briefing.xlsx``); :mod:`.scaffold` makes a new project
(``reportgen init``).
"""
