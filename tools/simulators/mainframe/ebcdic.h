// EBCDIC code page 037 conversion for the mainframe simulator. Latin-1 on the ASCII side (the
// generated world is plain upper-case ASCII). Pure functions: thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace omnihub::mainframe_sim {

char EbcdicToAscii(uint8_t ebcdic);
uint8_t AsciiToEbcdic(char latin1);
std::string ToEbcdic(std::string_view latin1);
std::string FromEbcdic(std::string_view ebcdic);

}  // namespace omnihub::mainframe_sim
