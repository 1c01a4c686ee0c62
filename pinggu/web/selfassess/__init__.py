"""The station's self-assessment (自评, docs/roles.md): its own scores per dimension of the third
party, its 自评报告 and supporting documents; the experts see them beside their score form and
the round page shows the gap between self-scores and the experts' scores."""
