// Inbound (terminal -> host) 3270 data: the Read Modified and Read Buffer replies built from the
// screen model, as a terminal sends them after an AID key or a host read command.
#pragma once

#include "adapters/tn3270/aid.h"
#include "adapters/tn3270/bytes.h"
#include "adapters/tn3270/screen.h"

namespace omnihub::tn3270 {

// Read Modified: AID, cursor address, then SBA + address of the first data cell + data (nulls
// suppressed) for each field whose MDT is set; on an unformatted screen, all non-null characters
// after the cursor address. Clear and PA keys give the short read (the AID alone) unless `all`
// (Read Modified All) is set.
Bytes BuildReadModified(const Screen& screen, Aid aid, bool all = false);

// Read Buffer: AID, cursor address, then every cell of the buffer: SF + attribute byte for a field
// attribute, the character (nulls included) otherwise.
Bytes BuildReadBuffer(const Screen& screen, Aid aid);

}  // namespace omnihub::tn3270
