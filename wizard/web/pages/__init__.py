"""Page builders, one module or package per page family; each returns a finished page model.

`journey` (questions and the outcomes that are not a stage), `stage` (the stage outcome),
`record` (the escalation record and the forms), `learning` (practice, comparison, roles),
`guidance` (the start page's overview and the procedure's flowchart); `also` is what the
paragraph map adds to any outcome. Builders import no view and no Flask request machinery.
"""
