import type {
  CreateMonitoringRoundBody,
  MonitoringReport,
  MonitoringRound,
  MonitoringRoundDetail,
  MonitoringRoundList,
  NodeTimeline,
  PutMonitoringReportBody,
  ReviewMonitoringReportBody,
} from '@socplan/contracts';
import { api } from '../../shared/api/index.ts';

const report = (roundId: string, nodeId: string) =>
  `/api/monitoring-rounds/${roundId}/reports/${nodeId}`;

export const monitoringApi = {
  rounds: (planId: string) =>
    api.get<MonitoringRoundList>(`/api/plans/${planId}/monitoring-rounds`, { limit: 100 }),
  createRound: (planId: string, body: CreateMonitoringRoundBody) =>
    api.request<MonitoringRound>(`/api/plans/${planId}/monitoring-rounds`, {
      method: 'POST',
      body,
    }),
  round: (roundId: string) => api.get<MonitoringRoundDetail>(`/api/monitoring-rounds/${roundId}`),
  /** A first report goes without If-Match; a later save sends the report's version. */
  saveReport: (
    roundId: string,
    nodeId: string,
    body: PutMonitoringReportBody,
    ifMatch: string | null,
  ) => api.request<MonitoringReport>(report(roundId, nodeId), { method: 'PUT', body, ifMatch }),
  submit: (roundId: string, nodeId: string, ifMatch: string) =>
    api.request<MonitoringReport>(`${report(roundId, nodeId)}/submit`, {
      method: 'POST',
      ifMatch,
    }),
  review: (roundId: string, nodeId: string, body: ReviewMonitoringReportBody, ifMatch: string) =>
    api.request<MonitoringReport>(`${report(roundId, nodeId)}/review`, {
      method: 'POST',
      body,
      ifMatch,
    }),
  timeline: (planId: string, nodeId: string) =>
    api.get<NodeTimeline>(`/api/plans/${planId}/nodes/${nodeId}/timeline`),
};
