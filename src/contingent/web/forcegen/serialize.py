"""Plain-JSON shapes of force-generation results, shared by the CLI, pages and the API."""

from __future__ import annotations

from typing import Any

from contingent.core.forcegen.summary import CompositionLine, Summary


def summary_as_dict(s: Summary) -> dict[str, Any]:
    return {
        "operation": s.operation,
        "framework": s.framework,
        "resolution": s.resolution,
        "as_of": s.as_of.isoformat(),
        "contributors": [
            {
                "code": c.code,
                "name": c.name,
                "stance": c.level.value if c.level else None,
                "stated_on": c.stated_on.isoformat() if c.stated_on else None,
                "speaker": c.speaker,
                "summary": c.summary,
                "conditions": [
                    {"text": t, "met": met, "stated": said} for t, met, said in c.conditions
                ],
                "source": c.source,
                "pledged_personnel": c.pledged_personnel,
                "illustrative_pledges": c.illustrative_pledges,
            }
            for c in s.contributors
        ],
        "composition": [composition_line_as_dict(line) for line in s.composition],
        "gates": [g.as_dict() for g in s.gates],
        "blockers": {k: [r.as_dict() for r in v] for k, v in s.blockers.items()},
    }


def composition_line_as_dict(line: CompositionLine) -> dict[str, Any]:
    return {
        "unit_type": line.unit_type,
        "requirements": list(line.requirements),
        "required": line.required,
        "pledged": line.pledged,
        "committed": line.committed,
        "illustrative": line.illustrative,
    }
