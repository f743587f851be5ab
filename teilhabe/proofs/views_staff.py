"""Staff's pages of proofs of use (the coordinator who manages applications): the list of
grants with their proofs, and one proof with its statement, due date, check and
repayment requests."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.core import params
from teilhabe.core.access import requires
from teilhabe.core.audit_trail import log_reads
from teilhabe.grants.application_models import Grant
from teilhabe.proofs import services
from teilhabe.proofs.forms import CheckForm, DueForm, RepaymentForm
from teilhabe.proofs.models import ProofOfUse, RepaymentRequest

manage = requires("grants.manage_applications")


@manage
def proof_list(request: HttpRequest) -> HttpResponse:
    grants = Grant.objects.select_related("application__fund", "proof").order_by(
        "-decided_on", "-pk"
    )[:500]
    return render(
        request, "proofs/proof_list.html", {"grants": grants, "today": timezone.localdate()}
    )


@manage
def proof_detail(request: HttpRequest, pk: int) -> HttpResponse:
    grant = get_object_or_404(Grant.objects.select_related("application__fund"), pk=pk)
    proof = services.proof_for(grant)
    today = timezone.localdate()
    statement = services.statement_of(proof)
    forms_: dict[str, forms.Form] = {
        "due": DueForm(initial={"due_on": proof.due_on}),
        "check": CheckForm(),
        "repayment": RepaymentForm(
            initial={"amount": _typed(statement.unused)} if statement.unused > 0 else None
        ),
    }
    action = request.POST.get("action", "")
    if request.method == "POST":
        try:
            if action == "due":
                due = forms_["due"] = DueForm(request.POST)
                if due.is_valid():
                    services.set_due(proof, due.cleaned_data["due_on"])
                    return redirect("proofs:proof_detail", pk=pk)
            elif action == "check":
                check = forms_["check"] = CheckForm(request.POST)
                if check.is_valid():
                    data = check.cleaned_data
                    services.check(proof, request.user, data["accepted"], data["note"])
                    return redirect("proofs:proof_detail", pk=pk)
            elif action == "repayment":
                repayment = forms_["repayment"] = RepaymentForm(request.POST)
                if repayment.is_valid():
                    data = repayment.cleaned_data
                    services.request_repayment(
                        proof, data["amount"], data["reason"], request.user, today
                    )
                    return redirect("proofs:proof_detail", pk=pk)
            elif action == "book":
                # A wrong id is a 400 (core/params), another proof's request a 404.
                number = params.object_id(request.POST, "request", default=0)
                pending = get_object_or_404(RepaymentRequest, proof=proof, pk=number)
                services.book_repayment(pending, today)
                messages.success(request, _("The repayment is booked in the fund."))
                return redirect("proofs:proof_detail", pk=pk)
        except ValidationError as error:
            if action in forms_:
                forms_[action].add_error(None, error.messages)
            else:
                messages.error(request, " ".join(error.messages))
    log_reads(request, [grant.application], "proof of use")  # the contact person is named
    context = {
        "grant": grant,
        "application": grant.application,
        "proof": proof,
        "statement": statement,
        "receipts": proof.receipts.select_related("line"),
        "repayments": proof.repayments.select_related("booking"),
        "reminders": proof.reminders.all(),
        "notice": services.latest_notice(grant),
        "forms": forms_,
        "overdue": proof.editable and proof.due_on < today,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "proofs/proof_detail.html", context, status=status)


def _typed(amount: object) -> str:
    from teilhabe.grants.amounts import euro

    return euro(amount).removesuffix(" €")  # type: ignore[arg-type]


__all__ = ["ProofOfUse", "proof_detail", "proof_list"]
