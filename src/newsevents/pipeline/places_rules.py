"""Word lists of the places stage: what is not a place, what makes a metonym, US state abbreviations."""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Capitalised words that name places somewhere but, in news, are almost always something else.
COMMON_WORDS = words(
    """
    police army navy government state city town village county district province region capital border
    president minister ministry court parliament congress senate council party union university school
    church hospital airport station street road square park river lake mountain island north south east
    west central new old great saint st mount fort port jan feb mar apr jun jul aug sep sept oct nov
    dec january february march april may june july august september october november december monday
    tuesday wednesday thursday friday saturday sunday today yesterday tomorrow god christmas easter
    ramadan eid reuters ap afp tass xinhua bbc cnn mr mrs ms dr sir lord general colonel captain
    officer chief judge mayor governor king queen prince but and also however after before when while
    since during although though yet then there here this that these those it its he she they we you i
    his her their our man men woman women people children family friends home house office building
    hotel center centre victory liberty independence unity justice freedom hope faith grace islands
    valley bay beach heights springs falls hills harbor harbour
    """
)

# The government or people of a place, not the place, speak and decide.
SPEECH_VERBS = words(
    """
    say tell warn announce declare state claim deny accuse urge demand threaten insist reject condemn
    criticise criticize blame vow promise pledge agree decide refuse respond reply insist confirm call
    ask argue believe want hope expect plan seek propose order approve sign veto recognize recognise
    impose sanction retaliate protest welcome praise support oppose back
    """
)

# "Russia's foreign ministry", "the Kazakh government": the place owns an institution.
INSTITUTION_NOUNS = words(
    """
    government ministry minister president leader leadership army military forces force troops navy
    parliament authorities authority official officials embassy ambassador envoy delegation regime
    administration cabinet premier prime chancellor diplomat diplomats spokesman spokeswoman
    spokesperson state_department intelligence police security team
    """
)

LOCATIVE_PREPOSITIONS = words(
    """
    in near outside inside at from to across around throughout towards toward into of between
    """
)

# AP-style abbreviations of US states (normalised: "Ga." -> "ga") to (GeoNames admin1 code, name).
US_STATE_ABBREVIATIONS: dict[str, tuple[str, str]] = {
    "ala": ("AL", "Alabama"), "ariz": ("AZ", "Arizona"), "ark": ("AR", "Arkansas"),
    "calif": ("CA", "California"), "colo": ("CO", "Colorado"), "conn": ("CT", "Connecticut"),
    "del": ("DE", "Delaware"), "dc": ("DC", "District of Columbia"), "fla": ("FL", "Florida"),
    "ga": ("GA", "Georgia"), "ill": ("IL", "Illinois"),
    "ind": ("IN", "Indiana"), "kan": ("KS", "Kansas"), "kans": ("KS", "Kansas"), "ky": ("KY", "Kentucky"),
    "la": ("LA", "Louisiana"), "md": ("MD", "Maryland"), "mass": ("MA", "Massachusetts"),
    "mich": ("MI", "Michigan"), "minn": ("MN", "Minnesota"), "miss": ("MS", "Mississippi"),
    "mo": ("MO", "Missouri"), "mont": ("MT", "Montana"), "neb": ("NE", "Nebraska"), "nev": ("NV", "Nevada"),
    "nh": ("NH", "New Hampshire"), "nj": ("NJ", "New Jersey"), "nm": ("NM", "New Mexico"),
    "ny": ("NY", "New York"), "nc": ("NC", "North Carolina"), "nd": ("ND", "North Dakota"),
    "okla": ("OK", "Oklahoma"), "ore": ("OR", "Oregon"), "pa": ("PA", "Pennsylvania"),
    "ri": ("RI", "Rhode Island"), "sc": ("SC", "South Carolina"), "sd": ("SD", "South Dakota"),
    "tenn": ("TN", "Tennessee"), "tex": ("TX", "Texas"), "vt": ("VT", "Vermont"), "va": ("VA", "Virginia"),
    "wash": ("WA", "Washington"), "wva": ("WV", "West Virginia"),
    "w va": ("WV", "West Virginia"), "wis": ("WI", "Wisconsin"),
    "wyo": ("WY", "Wyoming"),
}

# Capitalised short forms of places, normalised ("U.K." -> "uk"): a token in capitals that is one of these
# is a place even where the parser saw none ("EU member states", "US Special Forces").
SHORT_FORMS = words("us usa uk eu uae drc dprk")
