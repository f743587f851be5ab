"""The index configuration form: title, level, dates, class limits and labels, and per
indicator a direction (or "not used") and a weight."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.core.forms import KernForm, VersionField
from teilhabe.monitoring.figures import Indicator
from teilhabe.monitoring.models import IndexConfig, IndexIndicator
from teilhabe.monitoring.models_index import MIN_RESIDENTS

DIRECTIONS = [
    ("", _("not used")),
    *((str(v), label) for v, label in IndexIndicator.Direction.choices),
]


def _decimal(text: str) -> Decimal:
    return Decimal(text.strip().replace("−", "-").replace(",", "."))


class IndexConfigForm(KernForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    level = forms.TypedChoiceField(label=_("Level of the area hierarchy"), coerce=int)
    stichtag = forms.TypedChoiceField(label=_("Reference date"), coerce=str)
    comparison = forms.TypedChoiceField(
        label=_("Comparison date (dynamics)"), coerce=str, required=False
    )
    limits = forms.CharField(
        label=_("Class limits"),
        initial="-1; 1",
        help_text=_("Ascending, separated by semicolons, e.g. “-1; 1” or MSS's “-1; 1; 1,5”."),
    )
    labels = forms.CharField(
        label=_("Class labels"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line, one more than limits; empty: the ranges are the labels."),
    )
    min_residents = forms.IntegerField(
        label=_("Minimum residents of an area"), min_value=1, initial=MIN_RESIDENTS
    )
    version = VersionField(required=False)

    def __init__(
        self,
        *args: Any,
        indicators: list[Indicator],
        levels: list[int],
        dates: list[str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        choice: Any = self.fields["level"]
        choice.choices = [(lvl, str(lvl)) for lvl in levels]
        choice = self.fields["stichtag"]
        choice.choices = [(d, d) for d in dates]
        choice = self.fields["comparison"]
        choice.choices = [
            ("", _("none (status only)")),
            *((d, d) for d in dates),
        ]
        for indicator in indicators:
            self.fields[f"richtung_{indicator.code}"] = forms.ChoiceField(
                label=str(indicator.label), choices=DIRECTIONS, required=False
            )
            self.fields[f"gewicht_{indicator.code}"] = forms.DecimalField(
                label=_("Weight: %(indicator)s") % {"indicator": indicator.label},
                min_value=Decimal("0.01"),
                max_value=Decimal("999"),
                decimal_places=2,
                initial=1,
                required=False,
                localize=True,
            )
        # __init__ of KernFormMixin ran before these fields existed: style them too.
        for name, field in self.fields.items():
            if name.startswith(("richtung_", "gewicht_")):
                css = (
                    "kern-form-input__select" if name.startswith("r") else "kern-form-input__input"
                )
                field.widget.attrs["class"] = css

    def clean_limits(self) -> list[float]:
        parts = [p for p in self.cleaned_data["limits"].split(";") if p.strip()]
        try:
            limits = [float(_decimal(p)) for p in parts]
        except InvalidOperation:
            raise forms.ValidationError(_("Numbers separated by semicolons.")) from None
        if not limits or limits != sorted(set(limits)):
            raise forms.ValidationError(_("At least one limit, in ascending order."))
        return limits

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        limits = data.get("limits")
        labels = [line.strip() for line in (data.get("labels") or "").splitlines() if line.strip()]
        if labels and limits is not None and len(labels) != len(limits) + 1:
            self.add_error("labels", _("Give one label more than there are limits."))
        data["labels"] = labels
        if data.get("comparison") and data.get("comparison") == data.get("stichtag"):
            self.add_error(
                "comparison", _("The comparison date must differ from the reference date.")
            )
        chosen = []
        for indicator in self.indicators:
            direction = data.get(f"richtung_{indicator.code}")
            if direction:
                weight = data.get(f"gewicht_{indicator.code}") or Decimal(1)
                chosen.append((indicator.code, int(direction), weight))
        if not chosen:
            raise forms.ValidationError(_("Choose at least one indicator."))
        data["components"] = chosen
        return data


def initial_of(config: IndexConfig) -> dict[str, Any]:
    initial: dict[str, Any] = {
        "title": config.title,
        "level": config.level,
        "stichtag": config.stichtag.strftime("%d.%m.%Y"),
        "comparison": config.comparison.strftime("%d.%m.%Y") if config.comparison else "",
        "limits": "; ".join(str(v).replace(".", ",") for v in config.limits),
        "labels": "\n".join(config.labels),
        "min_residents": config.min_residents,
        "version": config.version,
    }
    for component in config.components.all():
        initial[f"richtung_{component.indicator}"] = str(component.direction)
        initial[f"gewicht_{component.indicator}"] = component.weight
    return initial
