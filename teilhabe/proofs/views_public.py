"""The grantee's proof-of-use page, opened by the link of the application
(`grants.applications.by_token`: the same token, nothing copied). Without a grant, or
with any other text, the page is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from teilhabe.core.access import public
from teilhabe.core.tabular import TableError
from teilhabe.grants import applications
from teilhabe.grants.application_models import Grant
from teilhabe.grants.views_public import too_many_requests
from teilhabe.proofs import services
from teilhabe.proofs.forms import ReceiptsForm, ReportForm
from teilhabe.proofs.models import ProofOfUse


def _proof(token: str) -> ProofOfUse:
    application = applications.by_token(token)
    grant = Grant.objects.filter(application=application).first() if application else None
    if grant is None:
        raise Http404
    return services.proof_for(grant)


def _typed(amount: object) -> str:
    from teilhabe.grants.amounts import euro

    return euro(amount).removesuffix(" €")  # type: ignore[arg-type]


@public
def proof(request: HttpRequest, token: str) -> HttpResponse:
    refused = too_many_requests(request, "address")  # the grant's link: as its own pages
    if refused is not None:
        return refused
    proof = _proof(token)
    initial = {"report": proof.report}
    if proof.own_contribution is not None:
        initial["own_contribution"] = _typed(proof.own_contribution)
    report_form = ReportForm(initial=initial)
    receipts_form = ReceiptsForm()
    problems: list[str] = []
    more = 0
    action = request.POST.get("action", "")
    if request.method == "POST" and proof.editable:
        try:
            if action in ("save", "submit"):
                report_form = ReportForm(request.POST)
                if report_form.is_valid():
                    data = report_form.cleaned_data
                    services.save_report(proof, data["report"], data["own_contribution"])
                    if action == "submit":
                        services.submit(proof)
                        messages.success(request, _("Your proof of use has been submitted."))
                    else:
                        messages.success(request, _("Your proof of use is saved."))
                    return redirect("proofs:public:proof", token=token)
            elif action == "upload":
                receipts_form = ReceiptsForm(request.POST, request.FILES)
                if receipts_form.is_valid():
                    upload = receipts_form.cleaned_data["receipts"]
                    count = services.upload_receipts(proof, upload.name or "", upload)
                    messages.success(
                        request, _("%(count)s receipts are stored.") % {"count": count}
                    )
                    return redirect("proofs:public:proof", token=token)
        except TableError as error:
            problems = [str(problem) for problem in error.problems]
            more = error.more
        except ValidationError as error:
            target = receipts_form if action == "upload" else report_form
            target.add_error(None, error.messages)
    context = {
        "proof": proof,
        "application": proof.grant.application,
        "statement": services.statement_of(proof),
        "receipts": proof.receipts.select_related("line"),
        "report_form": report_form,
        "receipts_form": receipts_form,
        "problems": problems,
        "more": more,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "proofs/public_proof.html", context, status=status)
