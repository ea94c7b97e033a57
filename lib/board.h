/* The migration board: the audit diagram for the provincial steering
 * committee. Nine columns, one per stage; each agency a card in the column
 * of its next stage (agencies that did all nine stay in the last one,
 * ticked), coloured by status; one band per level (province, district,
 * commune). Written directly as SVG: it is a grid, no layout engine. */
#ifndef QMS_BOARD_H
#define QMS_BOARD_H

#include "status.h"
#include "util.h"

/* Append the SVG of the board of report r (every string XML-escaped),
 * with headings and legend in `lang`. The same report gives the same
 * bytes. */
void qms_board_svg(struct qms_buf *out, const struct qms_status_report *r, enum qms_lang lang);

#endif
