"""Jobs: the job infos a candidate practises for, and the key terms read from them.

`job_infos` holds the owner-checked CRUD; `key_terms` reads the skills and tools a job
description names (pure).
"""
