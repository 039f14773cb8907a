"""Progress: a candidate's interviews for one job side by side.

`job_progress` gathers each interview's delivery metrics and feedback scores for the job
hub and the interview page.
"""
