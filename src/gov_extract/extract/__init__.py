"""Extract: organisations and short names, posts attached to people, and visit,
meeting and agreement events with their participants, date, place and modality,
by the rules in the project's `models/` folder."""
