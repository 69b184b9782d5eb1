"""Step 6, engagement and policy: what to post and why, who answers whom and how fast, how
the accounts stay safe, and how a mishap is handled calmly.

The articles: post to start conversations and answer every comment, positive or negative,
bringing sales, service, billing and production in (seed 000); it is not all about you:
give value, network first, speak each network's language (000, 003); the first thing met
on social is usually a complaint, and ignoring it wrecks any strategy (001); canned,
automated posting alienates people (000); a mishap is rarely a disaster, and fixing it in
public builds trust (001/002); without a company-wide policy a company invites
embarrassment: what is unacceptable, who may create and run official accounts, a list of
the accounts, restricted access, distinct credentials changed when people leave (000).

This package holds the engagement section of the Plan and the rules its app shows, one
concern a file: content pillars, the mix, the calendar and its CSV files, network-first
and listening, the response playbook, staffing, automation, crisis triage, the policy
document and the account inventory (which never stores a secret).
"""
