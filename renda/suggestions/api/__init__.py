"""The suggestions workflow as a REST API, so that a government OA system can take part in every step.

Reads go through the selectors (anything the user may not see is a 404); each action endpoint validates
its input and calls exactly one service, whose rule errors come back as 400 with the Chinese messages keyed
by field and a machine-readable `code`, a move the current state does not allow as 409 (code
invalid_transition), missing rights as 403 and a stale draft as 409 (core.api.service_call and
core.api.exception_handler). A user who may not take a step, or a step the state does not allow, is refused
before the input is read (`SUGGESTION_FLOW.refuse` / `ASSIGNMENT_FLOW.refuse`, or the capability for a
list-level POST), as the pages refuse them. Actions are named by what they do (register 立案, sign-for 签收); the old
`accept` paths remain one release as deprecated aliases.

One module per section, as the pages (views/); api_urls.py imports the views from them:

- `common`: what the sections share (id fields among visible records, the schema's error responses,
  deprecated aliases, validated input, `SuggestionActions`: the base of SuggestionViewSet's parts)
- `serializers`: the read serializers (responses)
- `suggestions`: SuggestionViewSet, the registry, one case and its timeline, made of the sections' actions:
- `drafting` (and the co-signers' own endpoints), `review`, `assignment` (and the reassignment requests),
  `evaluation`, `supervision`
- `handling`: the units' assignments and commitments
- `public`: downloads, configurable lists, public replies
- `stats`, `similar`: statistics, ranking, dashboard; near duplicates and recommended units
"""
