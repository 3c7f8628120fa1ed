// The per-source status table that every aggregate answer carries.
#pragma once

#include <google/protobuf/repeated_ptr_field.h>

#include <ostream>

#include "omnihub/v1/common.pb.h"

namespace omnihub::hubctl {

// "Sources" and a table: system, state, as_of, latency, detail.
void PrintSources(std::ostream& out,
                  const google::protobuf::RepeatedPtrField<v1::SourceStatus>& sources);

}  // namespace omnihub::hubctl
