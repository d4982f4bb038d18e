import { describeAttachments } from '../files/attachments.test-helpers.ts';
import { createProject } from './projects.isolation.ts';

describeAttachments('project', { noun: 'project', table: 'project_attachment', collection: 'projects', createOwner: createProject });
