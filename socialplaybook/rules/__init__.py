"""What every step shares: the vocabulary (ids, short texts, business results), checks,
numbers and dates in the team's locale, text made safe for documents, the metric
lexicon, the section base and i18n.
"""
