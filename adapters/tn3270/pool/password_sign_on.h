// PasswordSignOn: the sign-on procedure of a CICS-like sign-on screen, for the session pool until
// sign-on comes from the system's mapping file.
#pragma once

#include <string>

#include "adapters/tn3270/pool/session_pool.h"

namespace omnihub::tn3270 {

// On the host's first screen: the cursor to the first input field (Home), types `user`, Tab,
// types `password`, presses Enter and waits for the answer within the deadline. Whether the
// answer is the home screen is the pool's test; a screen that refuses the typing (no input
// field, protected, too long) gives FAILED_PRECONDITION with the screen's text.
SignOnProcedure PasswordSignOn(std::string user, std::string password);

}  // namespace omnihub::tn3270
