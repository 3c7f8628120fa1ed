// Compiles the <request> of a connector="odbc" operation into a SqlRequest (sql_statement.h):
//
//   <request>
//     <sql>SELECT ... WHERE customer_id = ?</sql>          the default text
//     <sql dialect="postgresql">SELECT ...</sql>          optional variants (sqlite, postgresql)
//     <param name="account_id"/>                          one per ?, in order
//     <statement name="lines">                            child statements for <repeated>
//       <sql>SELECT ... WHERE order_id = ?</sql>
//       <param column="order_id"/>                        a column of the main statement's row
//     </statement>
//   </request>
//
// Checks: one default <sql>, no dialect twice, static SQL (CountSqlParameters), as many <param>
// as `?` in every variant, parameter names known to the operation (did-you-mean), columns only in
// child statements, statement names unique.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "adapters/mapping/engine/mapping_xml.h"
#include "adapters/mapping/engine/sql_statement.h"

namespace omnihub::mapping::engine {

// `parameters`: the request parameters the operation offers (operation_catalog.h). Every problem
// goes to `problem`; nullopt when there was any.
std::optional<SqlRequest> CompileSqlRequest(const xmlNode* request,
                                            const std::vector<std::string_view>& parameters,
                                            const ProblemSink& problem);

}  // namespace omnihub::mapping::engine
