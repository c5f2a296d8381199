"""In-memory stand-in for MOSIP Partner Management's MISP service (document `003_…txt`),
built on the simulator kit.

Routes (mounted as `/mosip`; the kit adds `__stats`, `__faults`, `__requests`):

    POST  /v1/authmanager/authenticate/useridPwd     the token, as cookie `Authorization`
    GET   /partnermanagement/v1/misps                 all MISPs
    POST  /partnermanagement/v1/misps                 create (active, awaiting approval)
    GET   /partnermanagement/v1/misps/name/{name}     MISPs whose name contains {name}
    GET   /partnermanagement/v1/misps/{id}            one MISP
    PUT   /partnermanagement/v1/misps/{id}            update details
    PATCH /partnermanagement/v1/misps/{id}            activate / de-activate
    PATCH /partnermanagement/v1/misps/{id}/status     approve (issues a key) / reject
    GET   /partnermanagement/v1/misps/{id}/licenseKey the current key (renewed if expired)
    PATCH /partnermanagement/v1/misps/{id}/licenseKey validate a key
    PUT   /partnermanagement/v1/misps/{id}/licenseKey activate / de-activate a key
    POST  /__tokens/expire                            test bed: every token stops working
    POST  /__clock/advance {"seconds": n}             test bed: move the clock forward

How the document is read where it is silent or contradicts itself:

- Auth: demo admin appId `partnermanagement`, `pmadmin`/`pmadmin`. The token is accepted
  only as the `Authorization` cookie (the document's tables also list an `Authorization`
  header with a `Mosip-Token…` value; UPSTREAMS.md settles on the cookie). Tokens live
  `token_lifetime_s` (default one hour) by the simulator's clock.
- Auth failures answer as the document answers every call's admin failures: HTTP 200 with
  `errors`. A call without a live token (none, unknown, expired) gets PMS_MSP_001 "MOSIP
  Admin does not exist"; the auth call gets PMS_MSP_001 for an unknown user name and
  PMS_MSP_002 for a wrong password or app id. (The real kernel's filter may answer 401
  KER-ATH-401 before the service; the client handles that too.)
- Every failure of the service is HTTP 200 with `response` null and a non-empty `errors`;
  the envelope's `id` is the call's documented id (the document shows both that and null).
  The kit's own answers (unknown route 404, wrong method 405, injected faults) keep their
  HTTP status, in the envelope, with PMS_COR_003 for a 5xx. An exception inside a handler
  answers PMS_COR_003 "Could not process the request" with HTTP 200.
- Envelope checks come first: not JSON or not an object (PMS_COR_002 `request`), a missing
  `id`/`version`/`requesttime`/`request` (PMS_COR_001 naming it), a `requesttime` not in
  `yyyy-MM-ddTHH:mm:ss.SSSZ` (PMS_COR_002). The envelope `id` is not compared with the
  call's: the document's tables and examples disagree (`misp.update` / `misp.status`).
- Field names: the seed's create example sends `name` where its table says
  `organizationName`, and `emailId` where the update example says `emailID`: both
  spellings are read (the table's wins when both are sent). Answers keep the document's
  spellings: `emailID`/`organizationName` in reads, `mispID` in create and approval, the
  by-name read's `licenseKey…` beside the license read's `mispLicenseKey…`, the PUT
  licenseKey answer's `status`. The update answer echoes the caller's spellings of the name
  and email fields, as the document's example does.
- Statuses: a MISP has an active flag (`Active`/`De-Active`, active on creation) and an
  approval (`in-progress` on creation, then `approved` or `rejected`). Reads add `status`
  and `mispStatusCode` to the document's five details so that lists can show them. Status
  words are read ignoring case, spaces, hyphens and underscores (`approved`, `Approved`).
- Transitions. Approval (`PATCH …/status`, `mispStatus` approved|rejected): missing is
  PMS_MSP_004, another word PMS_COR_002; the same decision again PMS_MSP_010; the other
  decision after one was taken PMS_MSP_009 (a decision is final: an approved MISP is
  de-activated, not rejected). Approving issues an active key expiring after
  `license_lifetime_days` (default 90, "3 months, 6 months OR any configurable period");
  rejecting also de-activates. Activation (`PATCH /misps/{id}`, Active|De-Active): missing
  PMS_MSP_004, another word PMS_COR_002, the current status PMS_MSP_010, activating a
  rejected MISP PMS_MSP_009. The document lists 009 and 010 only for activation; approval
  changes a status too and reuses them.
- License keys: the current key is the newest; issuing one makes every older key inactive.
  `GET …/licenseKey` answers PMS_MSP_006 for an unknown MISP or one without a key, and
  when the current key has expired issues a fresh one (the old one inactive) and answers
  that. Validation (`PATCH …/licenseKey`): the key missing PMS_COR_001, not of a key's
  pattern PMS_COR_002 (step 1), the MISP or the key unknown PMS_MSP_006, the key another
  MISP's PMS_MSP_007, the key inactive or expired PMS_MSP_008. Key status (`PUT
  …/licenseKey`): none of the three fields PMS_MSP_004, no `mispLicenseKeyStatus` PMS_MSP_004,
  the key missing PMS_COR_001, unknown PMS_MSP_006, another MISP's PMS_MSP_007;
  `mispStatus` changes nothing there. Keys come in the document's two styles: the seeded
  documented ones `fa604-affcd-33201-04770`, issued ones 50 letters and digits.
- Creation: organization name, email and address required (PMS_COR_001), contact number
  optional; a malformed email or contact number, or a name outside
  `wire.ORGANIZATION_NAME`, PMS_COR_002; a name already taken, ignoring case, PMS_MSP_003
  (also on update). Updates need at least one field (PMS_MSP_004).
- Reads: `GET /misps` answers `{"mispDetails": [...]}`, PMS_MSP_012 when there are none.
  `GET /misps/name/{name}` (UPSTREAMS.md's path: the document's `/misps/{mispOrgName}`
  would clash with `/misps/{mispId}`) matches names containing `{name}` ignoring case (the
  document asks "telecome" and answers `telecom` and `telecomIndia`), answers an object
  keyed by name, and PMS_MSP_011 when none matches (the example body says 009, the table
  011). Unknown ids answer PMS_MSP_005 ("MISP ID does not exist <id>").
- Data: the document's MISPs (`telecom` 64269837502851 with the key
  `fa604-affcd-33201-04770`, valid; `telecomIndia` 93469837502851; `airtelInd`
  98869837502654 awaiting approval) and `scale` generated ones in every state (see
  `seed.py`); the same seed and clock give the same data.
- The test bed's controls need no session and are counted in `__stats` like any route.
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Final

from aiohttp import web

from upstreams.mosip.simulator.auth import APP_ID, PASSWORD, USERNAME, Sessions
from upstreams.mosip.simulator.errors import error_body
from upstreams.mosip.simulator.routes import Api, add_routes
from upstreams.mosip.simulator.seed import DOCUMENTED_MISP_ID, KeyMaker, build_seed
from upstreams.mosip.simulator.store import Clock, SimulatorClock, Store, system_clock
from upstreams.simulators._kit import simulator_app

__all__ = [
    "API",
    "APP_ID",
    "DOCUMENTED_MISP_ID",
    "PASSWORD",
    "USERNAME",
    "create_app",
]

# The simulator's API object (store, sessions, clock), for tests that look inside.
API: Final = web.AppKey("mosip_api", Api)


def create_app(
    *,
    scale: int = 300,
    latency_ms: float = 0.0,
    seed: int = 3,
    clock: Clock = system_clock,
    token_lifetime_s: float = 3600.0,
    license_lifetime_days: float = 90.0,
    documented: bool = True,
) -> web.Application:
    """A fresh MOSIP simulator with the document's MISPs and ``scale`` generated ones.

    ``clock`` is the time keys and tokens expire by (``POST /__clock/advance`` moves it on);
    ``documented=False`` leaves the document's MISPs out (with ``scale=0``: no MISP at all).
    """
    sim_clock = SimulatorClock(clock)
    lifetime = timedelta(days=license_lifetime_days)
    keys = KeyMaker(random.Random(f"mosip-keys-{seed}"))
    data = build_seed(
        scale=scale,
        seed=seed,
        now=sim_clock(),
        license_lifetime=lifetime,
        keys=keys,
        documented=documented,
    )
    store = Store(data, clock=sim_clock, keys=keys, license_lifetime=lifetime)
    sessions = Sessions(sim_clock, timedelta(seconds=token_lifetime_s))
    api = Api(store, sessions, sim_clock)
    app = simulator_app(latency_ms=latency_ms, error_body=error_body)
    add_routes(app.router, api)
    app[API] = api
    return app
