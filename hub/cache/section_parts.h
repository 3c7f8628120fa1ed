// Section parts: a source's answer (SourceData) cut into one part per Customer 360 section, and
// put back together, so the cache can keep, expire and replace each section on its own.
#pragma once

#include <cstddef>
#include <vector>

#include "adapters/sdk/source_data.h"
#include "omnihub/v1/common.pb.h"

namespace omnihub::hub {

// The part of `data` that belongs to `section` (the other fields left empty).
omnihub::sdk::SourceData SectionPart(const omnihub::sdk::SourceData& data,
                                     omnihub::v1::Section section);

// Copies `part`'s `section` into `into` (replacing what `into` held for that section), with
// the reason the section is incomplete, if `part` has one.
void AddSectionPart(const omnihub::sdk::SourceData& part, omnihub::v1::Section section,
                    omnihub::sdk::SourceData& into);

// How many records a list section holds (orders, contacts, payments, cases); 0 for the others.
size_t SectionItemCount(const omnihub::sdk::SourceData& part, omnihub::v1::Section section);

// True for sections whose size depends on the request's recent_limit.
bool IsListSection(omnihub::v1::Section section);

// Memory held by `part`: protobuf SpaceUsedLong() of every message in it (each counts its own
// object and heap allocations) plus the SourceData object and its vectors' unused capacity.
size_t SectionPartBytes(const omnihub::sdk::SourceData& part);

}  // namespace omnihub::hub
