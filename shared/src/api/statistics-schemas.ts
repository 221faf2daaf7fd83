/**
 * Schemas of the statistics routes (zod/mini, each built on first use). Figures come from the
 * complaint counters (shared/src/statistics/complaint-counters.ts), never from complaints.
 */
import * as z from 'zod/mini';
import { MAX_LENGTH } from './limits';

const calendarDay = /* @__PURE__ */ z.lazy(() =>
  z.string().check(
    z.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式应为 YYYY-MM-DD'),
    z.refine((day) => new Date(`${day}T00:00:00Z`).toISOString().startsWith(day), '日期不存在'),
  ),
);

/** A period of whole days (district time), both ends included; by default this year up to today. */
export const ComplaintStatisticsQuery = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    from: z.optional(calendarDay),
    to: z.optional(calendarDay),
    street: z.optional(z.string().check(z.maxLength(MAX_LENGTH.streetCode))),
    category: z.optional(z.string().check(z.maxLength(32))),
  }),
);

export const PublicComplaintStatisticsQuery = /* @__PURE__ */ z.lazy(() => z.strictObject({ from: z.optional(calendarDay), to: z.optional(calendarDay) }));

const optionalNumber = /* @__PURE__ */ z.lazy(() => z.optional(z.number()));

export const ComplaintFiguresView = /* @__PURE__ */ z.lazy(() =>
  z.object({
    received: z.number(),
    responded: z.number(),
    closed: z.number(),
    ratings: z.number(),
    averageHoursToFirstResponse: optionalNumber,
    averageHoursToClose: optionalNumber,
    respondedInTimePercent: optionalNumber,
    closedInTimePercent: optionalNumber,
    averageRating: optionalNumber,
    reopenPercent: optionalNumber,
  }),
);

const Comparison = /* @__PURE__ */ z.lazy(() => z.array(z.object({ from: z.string(), to: z.string(), received: z.number(), changePercent: optionalNumber })));
const CountsBy = (key: string) => z.array(z.object({ [key]: z.string(), received: z.number() }));

export const ComplaintStatisticsView = /* @__PURE__ */ z.lazy(() =>
  z.object({
    from: z.string(),
    to: z.string(),
    street: z.optional(z.string()),
    category: z.optional(z.string()),
    figures: ComplaintFiguresView,
    comparison: Comparison,
    byMonth: z.array(z.object({ month: z.string(), figures: ComplaintFiguresView })),
    byStreet: CountsBy('streetCode'),
    byCategory: CountsBy('type'),
  }),
);

/** The district's summary for everyone: counts only, never a complaint. */
export const PublicComplaintStatisticsView = /* @__PURE__ */ z.lazy(() =>
  z.object({
    from: z.string(),
    to: z.string(),
    received: z.number(),
    closed: z.number(),
    comparison: Comparison,
    byStreet: CountsBy('streetCode'),
    byCategory: CountsBy('type'),
  }),
);
