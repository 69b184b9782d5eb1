"""Step 5's app: KPI trees per goal, ROI over time, UTM links, the measurement plan."""
