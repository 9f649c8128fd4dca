"""Acronyms a paper defines: where a definition can start (``find_definitions`` reads only
the run of words before each bracketed acronym, and must find what a scan of the whole text finds)."""

from paperfinder.recognise.acronyms import find_definitions


def test_definitions_in_a_sentence_and_lower_case_long_forms():
    text = "The Multi-Agency Safeguarding Hub (MASH) met. Heavy goods vehicles (HGVs) and the New Deal for Communities (NDC)."
    assert find_definitions(text) == [("MASH", "Multi-Agency Safeguarding Hub"), ("NDC", "New Deal for Communities")]
    assert find_definitions(text, any_case=True) == [
        ("MASH", "Multi-Agency Safeguarding Hub"), ("HGV", "Heavy goods vehicles"), ("NDC", "New Deal for Communities")]


def test_a_comma_or_figure_ends_the_words_a_definition_can_use():
    # the comma stops the words before the bracket: no four words spell DLUHC after it
    assert find_definitions("Department for Levelling Up, Housing and Communities (DLUHC) said") == []
    assert find_definitions("Council Tax Support Scheme 2020 (CTSS) and Mid-Term Review (MTR) and Planning & Housing (PH)") == [
        ("MTR", "Mid-Term Review"), ("PH", "Planning & Housing")]
    assert find_definitions("Council Tax Support Scheme 2020 (CTSS) and Mid-Term Review (MTR) and Planning & Housing (PH)",
                            any_case=True) == [("MTR", "Mid-Term Review")]


def test_repeated_and_adjacent_brackets():
    assert find_definitions("A. Local Government Association (LGA), Local Government Association (LGA)") == [
        ("LGA", "Local Government Association"), ("LGA", "Local Government Association")]
    assert find_definitions("Special Educational Needs and Disabilities (SEND) (SEN) Heavy Goods Vehicle(HGV) x") == [
        ("SEND", "Special Educational Needs and Disabilities")]
    assert find_definitions("(ABC)(ABC) Area Based Care (ABC)") == [("ABC", "Area Based Care")]


def test_a_long_run_of_words_before_the_bracket():
    text = ("a b c d e f g h i j k Community Infrastructure Levy (CIL) one two three four five six seven "
            "eight nine ten (OTTFFSSENT)")
    assert find_definitions(text) == [("CIL", "Community Infrastructure Levy")]
    assert find_definitions(text, any_case=True) == [("CIL", "Community Infrastructure Levy")]


def test_a_long_form_wrapped_across_a_line_end():
    # PDF text wraps a name mid-way; one line break between two words is still one long form
    text = "the draft Patrickswell Local Area\nPlan (LAP) was noted.\nHousing\n\nPlan (HP)"
    assert find_definitions(text) == [("LAP", "Local Area Plan")]
    assert find_definitions(text, any_case=True) == [("LAP", "Local Area Plan")]


def test_a_quoted_acronym_in_the_brackets():
    # legal and planning papers define their terms in quotes: ("FASS"), (the “WCC”)
    text = 'a Financial Appraisal Supporting Statement ("FASS") for Westminster City Council (the “WCC”)'
    assert find_definitions(text) == [("FASS", "Financial Appraisal Supporting Statement"), ("WCC", "Westminster City Council")]


def test_the_acronym_first_and_its_long_form_in_the_brackets():
    text = "funded by the SRB (Single Regeneration Budget), see Appendix B (the Plan) and the AB (as before)"
    assert find_definitions(text) == [("SRB", "Single Regeneration Budget")]
    assert find_definitions(text, any_case=True) == [("SRB", "Single Regeneration Budget")]
    assert find_definitions("the HDSG (housing disability strategic group) met", any_case=True) == [
        ("HDSG", "housing disability strategic group")]
    assert find_definitions("the HDSG (housing disability strategic group) met") == []
