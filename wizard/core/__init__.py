"""The pure core: the policy model, the question flow, the engine and date arithmetic.

Nothing here imports Flask, Jinja, WTForms or Markdown, or touches files or the network:
the content layer hands it validated data, and the web and publish layers read its answers.
"""
