"""Which comments go to the Victim Focus Desk's queue, and why.

A deliberately simple, explainable phrase list (docs/feedback.md): a comment that suggests
a safeguarding risk (self-harm, threats to life, children at risk) or a complaint about
the police is routed. It errs towards routing: a person at the desk reads the redacted
text and decides. The check runs on the original words inside the submitting request;
only the reason is stored, never the phrase that matched.

English covers most comments; a few phrases in Welsh and the form's other languages are
included as a starting point and are to be reviewed with the translations.
"""

from __future__ import annotations

import re

SAFEGUARDING_PHRASES = [
    r"kill (?:me|myself|my ?self|us|the kids|my (?:kids|children|son|daughter))",
    r"(?:he|she|they|he's|she's|they're|is|are) (?:will|going to|gonna|said (?:he|she|they)'?d?|threaten\w*(?: to)?) (?:kill|hurt|harm|stab|attack)",
    r"threat\w* to (?:kill|hurt|harm)",
    r"(?:will|would|going to|gonna|'ll) (?:kill|hurt|harm|stab|attack|beat) (?:me|us|my|the kids|the children)",
    r"(?:end|take) my (?:own )?life",
    r"suicid\w*",
    r"self[- ]?harm\w*",
    r"(?:hurt|harm|cut) myself",
    r"(?:want|wanted) to die",
    r"(?:don'?t|do not) want to (?:live|be here)",
    r"(?:fear|afraid|scared|frightened) (?:for|of) my (?:life|safety|children|kids)",
    r"(?:child|children|kids?|baby|son|daughter)(?: is| are| was| were)? (?:at risk|in danger|not safe|unsafe)",
    r"not safe (?:at home|to go home)",
    r"knows where i live",
    r"(?:still|keeps?) (?:hitting|beating|hurting|following|stalking) me",
    # Welsh, Polish, Romanian, Portuguese, Spanish (to be reviewed with the translations)
    r"lladd fy hun",
    r"zabi(?:je|ć) (?:mnie|się)",
    r"m[ăa] (?:va )?omor[îi]",
    r"(?:vai|vou) me matar",
    r"me (?:va a )?matar",
]

COMPLAINT_PHRASES = [
    r"complain\w*",
    r"misconduct",
    r"professional standards",
    r"\biopc\b",
    r"abuse of (?:power|authority)",
    r"corrupt\w*",
    r"(?:racist|sexist|homophobic|transphobic|discriminat\w*)",
    r"(?:assaulted|hit|attacked|pushed|grabbed) by (?:the |an |a )?(?:officer|police|cop|pc)",
    r"(?:officer|police|pc) (?:assaulted|hit|attacked|pushed|grabbed|threatened) me",
    r"cwyn",
    r"skarg\w*",
    r"pl[âa]ngere",
    r"queixa",
    r"queja",
]

_SAFEGUARDING = re.compile("|".join(f"(?:{p})" for p in SAFEGUARDING_PHRASES), re.IGNORECASE)
_COMPLAINT = re.compile("|".join(f"(?:{p})" for p in COMPLAINT_PHRASES), re.IGNORECASE)


def routing_reasons(text: str) -> list[str]:
    """The reasons this text should be routed: "safeguarding", "complaint", both or none."""
    normalised = " ".join(text.replace("\u2019", "'").split())
    reasons = []
    if _SAFEGUARDING.search(normalised):
        reasons.append("safeguarding")
    if _COMPLAINT.search(normalised):
        reasons.append("complaint")
    return reasons
