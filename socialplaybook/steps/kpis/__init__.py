"""Step 5, KPIs: measure business impact, not vanity; expect returns to build over time.

The articles: many marketers measure follower counts and are happy while they grow;
measure the effect on the business instead (seed 000). ROI is neither immediate nor
measurable per tweet: it grows as an audience becomes a community and trust builds (seeds
001/002). You can measure social ROI: soft numbers (views, followers) and hard ones
(traffic from social, what of it becomes business, "how did you hear about us?") (seed
003); comments are not clients (seed 003).

This package holds the kpis section of the Plan and the arithmetic the KPI app shows: KPI
trees from the catalog, checks per KPI, ROI over time, the survey question, the
measurement plan and UTM links.
"""
