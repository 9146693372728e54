/** Stable error codes of the contract. Schema errors use the ajv keyword as code (e.g. `enum`). */
export const CASE_RULE_CODES = [
  'unknown_case', 'case_exists', 'unknown_measure', 'not_applicable_to_case', 'case_closed', 'event_id_conflict',
  'unknown_event', 'cannot_retract_retraction', 'forbidden_country', 'occurred_in_future', 'unknown_catalogue_version',
] as const;
export type CaseRuleCode = (typeof CASE_RULE_CODES)[number];

export interface EventError {
  /** JSON pointer into the event, '' for the whole event. */
  path: string;
  code: string;
  message: string;
}

export function ruleError(code: CaseRuleCode, message: string, path = ''): EventError {
  return { path, code, message };
}
