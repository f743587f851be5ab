"""The serialisation format of `teilhabe backup`: Django's JSON, but with times to the
microsecond.

Django's JSON encoder cuts datetimes and times to milliseconds (the ECMA-262 format),
so a restored audit log would carry other timestamps than the original one, and the
order of entries written in the same millisecond would be lost. The JSON loader of
`loaddata` reads both forms, so `teilhabe restore` needs no format of its own and still
reads backups written before.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.serializers import json as django_json
from django.core.serializers.json import DjangoJSONEncoder

NAME = "teilhabe-json"


class Encoder(DjangoJSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Serializer(django_json.Serializer):
    def start_serialization(self) -> None:
        self.options.setdefault("cls", Encoder)  # read by the JSON serializer's options
        super().start_serialization()


Deserializer = django_json.Deserializer
