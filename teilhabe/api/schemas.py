"""What the API returns: the field names of the casework import format where it has one
(shared/formats/casework-import.md), so data read here can be written back there."""

import datetime

from ninja import Schema


class ClientOut(Schema):
    id: int
    person_id: str
    vorname: str
    nachname: str
    geburtsjahr: int | None
    geschlecht: str
    organisation: str


class SessionOut(Schema):
    id: int
    datum: datetime.date
    dauer_min: int | None
    form: str
    themen: list[str]


class GoalOut(Schema):
    id: int
    bereich: str
    ziel: str
    vereinbart_am: datetime.date
    status: str
    status_seit: datetime.date


class CaseOut(Schema):
    id: int
    fall_id: str
    klient_id: int
    dienst: str
    art: str
    beginn: datetime.date
    ende: datetime.date | None
    zugangsweg: str
    zustaendig: str | None


class CaseDetailOut(CaseOut):
    sitzungen: list[SessionOut]
    ziele: list[GoalOut]


class ClientDetailOut(ClientOut):
    staatsangehoerigkeiten: list[str]
    herkunftsland: str
    geburtsland: str
    aufenthaltsstatus: str
    stadtteil: str | None
    einreise: datetime.date | None
    sprachen: list[str]
    faelle: list[CaseOut]
