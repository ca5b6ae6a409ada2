"""The ledger core: a hash-chained record of every change, signed checkpoints, public export.

- ``chain``: ``LedgerEntry`` and the entry encoding (the spec a third party re-implements).
- ``append``: ``next_entry``, called by the one append path under the ledger lock. It is the
  only module that imports the rest of Contingent, so it is not imported here: import it as
  ``from contingent.core.ledger.append import next_entry``.
- ``verify``: ``verify_chain``, which names the first bad entry and the kind of change; it runs
  ``scan`` (the fast pass), ``diagnose`` (only where the pass stops), optionally ``parallel``
  (two processes), and returns a ``report.VerifyReport``.
- ``checkpoint``: Ed25519-signed checkpoints and key helpers.
- ``export``: the public JSON Lines export and its reader.
- ``__main__``: the standalone verifier, ``python -m contingent.core.ledger verify EXPORT KEY``.

Everything imported here uses only the standard library and ``cryptography``.
"""

from .chain import (
    CLASSIFICATIONS,
    ENCODING_NAME,
    GENESIS_HASH,
    LedgerEntry,
    compute_entry_hash,
    entry_preimage,
    hash_of,
)
from .checkpoint import (
    Checkpoint,
    checkpoint_preimage,
    generate_signing_key,
    key_id,
    load_public_key,
    load_signing_key,
    private_key_from_pem,
    private_key_to_pem,
    public_key_from_pem,
    public_key_to_pem,
    save_public_key,
    save_signing_key,
    sign_checkpoint,
    verify_checkpoint,
)
from .export import (
    ExportUnreadable,
    LedgerExport,
    export_chain,
    iter_entries,
    load_export,
    read_checkpoint,
    verify_export,
)
from .report import Problem, VerifyReport
from .verify import verify_chain

__all__ = [
    "CLASSIFICATIONS",
    "ENCODING_NAME",
    "GENESIS_HASH",
    "Checkpoint",
    "ExportUnreadable",
    "LedgerEntry",
    "LedgerExport",
    "Problem",
    "VerifyReport",
    "checkpoint_preimage",
    "compute_entry_hash",
    "entry_preimage",
    "export_chain",
    "generate_signing_key",
    "hash_of",
    "iter_entries",
    "key_id",
    "load_export",
    "load_public_key",
    "load_signing_key",
    "private_key_from_pem",
    "private_key_to_pem",
    "public_key_from_pem",
    "public_key_to_pem",
    "read_checkpoint",
    "save_public_key",
    "save_signing_key",
    "sign_checkpoint",
    "verify_chain",
    "verify_checkpoint",
    "verify_export",
]
