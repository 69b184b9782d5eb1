"""Step 4's app: time, money, paid and organic reach, the paid budget's best split, scenarios."""
