// Orders and payments as readable text.
#pragma once

#include <google/protobuf/repeated_ptr_field.h>

#include <ostream>

#include "omnihub/v1/order.pb.h"

namespace omnihub::hubctl {

// One row per order: number, date, channel, status, total, shipments, system.
void PrintOrderTable(std::ostream& out,
                     const google::protobuf::RepeatedPtrField<v1::Order>& orders);

// One order in full: header fields, lines, shipments, invoices.
void PrintOrderDetail(std::ostream& out, const v1::Order& order);

// One row per payment: reference, order, state, captured, refunded, fraud, date, system.
void PrintPaymentTable(std::ostream& out,
                       const google::protobuf::RepeatedPtrField<v1::Payment>& payments);

// "royal mail in transit (promised 2026-11-30)"-style one-line summary of an order's shipments.
std::string SummariseShipments(const v1::Order& order);

}  // namespace omnihub::hubctl
