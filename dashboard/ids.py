"""Component ids, in one place: pages, callbacks and browser tests all name them from here."""

# The location component of Dash's page router (dash.page_container). Filters write their state
# into its `search`; the router re-renders a page when the address changes from outside.
LOCATION = "_pages_location"
# The address of the view that is on screen, as last synchronised by its filters (app shell).
SYNC = "url-sync"
# The canonical address of the page that was just rendered (one per page layout).
PAGE_KEY = "page-key"

# Overzicht
OVERZICHT_DOELGROEP = "overzicht-doelgroep"
OVERZICHT_BODY = "overzicht-body"
# The part of a page below its first charts, filled right after the page is drawn.
OVERZICHT_LOWER = "overzicht-onder"

# Thema
THEMA_INDICATOR = "thema-indicator"
THEMA_DOELGROEP = "thema-doelgroep"
THEMA_SORTEER = "thema-sorteer"
THEMA_BODY = "thema-body"
THEMA_LOWER = "thema-onder"
THEMA_TABLE = "thema-tabel"
THEMA_DOWNLOAD_BUTTON = "thema-download-knop"
THEMA_DOWNLOAD = "thema-download"

# Gemeente
GEMEENTE_KEUZE = "gemeente-keuze"
GEMEENTE_DOELGROEP = "gemeente-doelgroep"
GEMEENTE_SPINE = "gemeente-spine"
GEMEENTE_DOWNLOAD_BUTTON = "gemeente-download-knop"
GEMEENTE_DOWNLOAD = "gemeente-download"

# Kaart
KAART_INDICATOR = "kaart-indicator"
KAART_DOELGROEP = "kaart-doelgroep"
KAART_MAAT = "kaart-maat"
KAART_BODY = "kaart-body"

# Graphs, named so that browser tests can find them.
GRAPH_STATUS = "grafiek-status"
GRAPH_TRENDS = "grafiek-trends"
GRAPH_TREND = "grafiek-trend"
GRAPH_GROUPS = "grafiek-groepen"
GRAPH_GAP = "grafiek-kloof"
GRAPH_FUNNEL = "grafiek-trechter"
GRAPH_EFFECTS = "grafiek-effecten"
GRAPH_EFFECT = "grafiek-effect"
GRAPH_EVENT_STUDY = "grafiek-gebeurtenis"
GRAPH_GAP_PROGRESS = "grafiek-kloof-voortgang"
GRAPH_PROFILE = "grafiek-profiel"
GRAPH_SPINE = "grafiek-spine"
GRAPH_MAP = "grafiek-kaart"
GRAPH_COMPLETENESS = "grafiek-volledigheid"
TABLE_RUG = "tabel-tapijt"
TABLE_COMPARISON = "tabel-vergelijking"

# Controleren
CONTROLEREN_UPLOAD = "controleren-upload"
CONTROLEREN_REPORT = "controleren-verslag"
CONTROLEREN_STORE = "controleren-verslag-csv"
CONTROLEREN_DOWNLOAD_BUTTON = "controleren-download-knop"
CONTROLEREN_DOWNLOAD = "controleren-download"
CONTROLEREN_TOO_LARGE = "controleren-te-groot"  # filled in the browser (assets/controleren.js)
SJABLOON_GEMEENTE = "sjabloon-gemeente"
SJABLOON_BUTTON = "sjabloon-knop"
SJABLOON_DOWNLOAD = "sjabloon-download"
