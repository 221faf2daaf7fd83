/** The community function's routes: its endpoints with their schemas (see ../routes.ts). */
import { COMMUNITY_ENDPOINTS } from '../endpoints/community';
import { withSchemas } from '../route-spec';
import * as co from '../cogov-schemas';

export const COMMUNITY_ROUTES = /* @__PURE__ */ withSchemas(COMMUNITY_ENDPOINTS, {
  applyVolunteer: {
    body: co.VolunteerApplyBody,
    response: co.VolunteerView,
  },
  myVolunteering: {
    response: co.VolunteerView,
  },
  volunteerTasks: {
    query: co.VolunteerTasksQuery,
    response: co.PatrolTaskPage,
  },
  volunteerTask: {
    params: co.TaskParams,
    response: co.PatrolTaskView,
  },
  claimTask: {
    params: co.TaskParams,
    response: co.PatrolTaskView,
  },
  releaseTask: {
    params: co.TaskParams,
    response: co.PatrolTaskView,
  },
  checkInTask: {
    params: co.TaskParams,
    body: co.CheckInBody,
    response: co.PatrolTaskView,
  },
  checkOutTask: {
    params: co.TaskParams,
    response: co.PatrolTaskView,
  },
  submitObservation: {
    body: co.ObservationBody,
    response: co.ObservationView,
  },
  myObservations: {
    query: co.MyObservationsQuery,
    response: co.ObservationPage,
  },
  volunteerSource: {
    params: co.SourceParams,
    response: co.VolunteerSourceView,
  },
  reviewableComplaints: {
    query: co.VolunteerComplaintQuery,
    response: co.VolunteerComplaintPage,
  },
  submitReview: {
    body: co.ReviewBody,
    response: co.ReviewView,
  },
  myReviews: {
    query: co.MyObservationsQuery,
    response: co.ReviewPage,
  },
  myServiceRecord: {
    query: co.MonthQuery,
    response: co.ServiceRecordView,
  },
  streetGuide: {
    response: co.StreetGuideView,
  },
  listVolunteers: {
    query: co.VolunteerListQuery,
    response: co.VolunteerPage,
  },
  decideVolunteer: {
    params: co.UserIdParams,
    body: co.VolunteerDecisionBody,
    response: co.VolunteerView,
  },
  thankVolunteer: {
    params: co.UserIdParams,
    body: co.ThanksBody,
    response: co.ServiceRecordView,
  },
  volunteerServiceRecord: {
    params: co.UserIdParams,
    query: co.MonthQuery,
    response: co.ServiceRecordView,
  },
  publishPatrolTask: {
    body: co.PatrolTaskBody,
    response: co.PatrolTaskView,
  },
  listPatrolTasks: {
    query: co.PatrolTaskListQuery,
    response: co.PatrolTaskPage,
  },
  getPatrolTask: {
    params: co.TaskParams,
    response: co.PatrolTaskView,
  },
  cancelPatrolTask: {
    params: co.TaskParams,
    response: co.PatrolTaskView,
  },
  listObservations: {
    query: co.ObservationListQuery,
    response: co.ObservationPage,
  },
  getObservation: {
    params: co.ObservationParams,
    response: co.ObservationView,
  },
  triageObservation: {
    params: co.ObservationParams,
    body: co.TriageBody,
    response: co.ObservationView,
  },
  listInspectionTasks: {
    query: co.StreetPageQuery,
    response: co.InspectionTaskPage,
  },
  listReviews: {
    query: co.ReviewListQuery,
    response: co.ReviewPage,
  },
  answerReview: {
    params: co.ReviewParams,
    body: co.ReviewAnswerBody,
    response: co.ReviewView,
  },
  streetDesk: {
    query: co.StreetDeskQuery,
    response: co.StreetDeskView,
  },
});
