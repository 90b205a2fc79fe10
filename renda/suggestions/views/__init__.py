"""Pages of the suggestions workflow for every role. Each view validates a form, calls one service or
selector and renders; what a user may see comes from selectors (anything else is a 404), which buttons
they get from the workflows' declarations (workflows.py: `moves_for`), the same list the API returns.

One module per section, in the order a case goes; urls.py imports the views from them:

- `common`: what every section shares (404 for a missing capability, the buttons of a case's moves, the
  one-service form page, the one-click POST, the list view of a capability)
- `lists`: every suggestion, the deputy's own, the review queue, the unit's to-do, reassignment requests,
  the supervision board, the public replies
- `detail`: one case's page, print view and files
- `drafting`: drafting and co-signers
- `review`: registration review (立案) and the presidium's decision on motions
- `assignment`: the assignment meeting (交办会) and reassignment decisions
- `handling`: the units' side: signing for, contact, joint opinion, reply, commitments
- `evaluation`: the deputies' evaluation
- `supervision`: key supervision and coordination
- `similar`: near duplicates, recommended units, unit keywords
- `stats`: statistics, ranking, dashboard
"""
