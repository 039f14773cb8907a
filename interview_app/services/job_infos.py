"""Job infos: `create_job_info`, `delete_job_info` and the other owner-checked rules.

A stable import path of SPEC §11 (acceptance checks import it); the code lives in
`interview_app.services.jobs.job_infos`. Nothing but these names belongs here.
"""

from interview_app.services.jobs.job_infos import (
    create_job_info,
    delete_job_info,
    get_job_info,
    list_job_infos,
    update_job_info,
)

__all__ = [
    "create_job_info",
    "delete_job_info",
    "get_job_info",
    "list_job_infos",
    "update_job_info",
]
