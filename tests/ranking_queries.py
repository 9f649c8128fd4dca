"""Questions a user would ask of the bundled papers, with the line that answers each.

(query, file prefix, the line(s) of which the answering passage must contain one)
"""

QUERIES = [
    ("translation and interpreting service contract", "004", 455),
    ("private fostering notifications", "004", 2287),
    ("what did the neglect working group find", "004", 2777),
    ("budget growth for the Clinical Practice Team", "000", 22),
    ("virement over £500k requires Cabinet member sign off", "000", 41),
    ("Children Act 1989 duty to safeguard children in need", "000", 45),
    ("re-referrals within 12 months", "001", 39),
    ("Centre for Social Work across three authorities", "001", 49),
    ("Practice Leader Development Programme delivery partners", "001", 59),
    ("how many practitioners completed systemic practice course", "001", 35),
    ("delegate authority to the Chief Executive Officer", "002", (21, 29, 84)),
    ("budget for the shared Placements Team", "002", 44),
    ("Local Safeguarding Children's Partnership staffing budget", "002", 50),
    ("Action for Change financial contribution", "002", 58),
    ("£4m Innovation Grant from the DfE", "003", 15),
    ("reduce caseloads five or six families", "003", 35),
    ("Head of Clinical Practice post", "003", 41),
    ("maximum cost of the programme family therapists", "003", 57),
    ("school meals contract monitoring", "004", (459, 461, 463)),
    ("Joint Targeted Area Inspection", "004", 396),
    ("unaccompanied asylum seeking children National Transfer Protocol", "004", 334),
    ("Jack Tizard contract CT Plus", "004", 560),
    ("Family Assist edge of care", "004", (379, 380)),
    ("CentrePoint semi-independent accommodation care leavers", "004", 437),
    ("GCSE results", "004", (286, 290)),
    ("EHCP transition from statements by April 2018", "004", 154),
    ("Childcare Task Group", "004", 220),
]
