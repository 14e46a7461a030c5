#pragma once
// Re-encryption of every encrypted column with a new key (`moderno rotate-key`).
#include "platform/crypto/cipher.hpp"
#include "platform/db/db.hpp"

namespace moderno::accounts::profile {

// Re-encrypts users.phone and the encrypted columns of addresses from `old_key` to `new_key`
// in one transaction, and returns how many values were re-encrypted. When any value does not
// decrypt with `old_key` it fails with kInvalidArgument (naming the table, column and row, never
// the value) and changes nothing. NULLs are skipped. The caller saves the new key only after
// this returned successfully (and should keep the old one until then).
Result<int> RotateEncryptionKey(db::Database& db, const crypto::Cipher& old_key,
                                const crypto::Cipher& new_key);

}  // namespace moderno::accounts::profile
