/** What an operation hands back to the connector: the XML and the transcript fields. */
export interface OpAnswer {
  xml: string;
  outcome: string;
  upn: string | null;
  contextId: string | null;
  callerName: string | null;
  method: string | null;
}
