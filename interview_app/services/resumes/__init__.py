"""Résumés: the text read from a candidate's upload, and the facts it states.

`facts` reads employers, roles, projects and skills from a résumé's text (pure).
"""
