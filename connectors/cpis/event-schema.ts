// CP-IS plan changes pushed on agency.cpis.v1 (contract: events.md).
import { z } from "zod";
import { isoDate, text } from "../shared/fields.ts";

export const CPIS_EVENT_TYPE = "cpis.plan.v1";

export const cpisPlanPayload = z
  .object({
    planType: z.enum(["CPP", "LAC", "UCPP"]),
    status: z.enum(["ACTIVE", "ENDED"]),
    startDate: isoDate,
    endDate: isoDate.nullish(),
    responsibleOrganisation: z.object({ odsCode: text(20), name: text(200) }),
    contact: z
      .object({
        phone: z.string().trim().max(40).nullish(),
        email: z.email({ error: "must be an e-mail address" }).nullish(),
      })
      .nullish(),
  })
  .superRefine((p, ctx) => {
    if (p.endDate && p.endDate < p.startDate) {
      ctx.addIssue({ code: "custom", path: ["endDate"], message: "must not be before startDate" });
    }
    if (p.status === "ENDED" && !p.endDate) {
      ctx.addIssue({
        code: "custom",
        path: ["endDate"],
        message: "is required when status is ENDED",
      });
    }
  });

export type CpisPlanPayload = z.infer<typeof cpisPlanPayload>;
