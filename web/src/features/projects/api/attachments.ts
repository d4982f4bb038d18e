import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { awaitingScan, uploadFile } from '@/features/files/api/files';
import { client, seg, unwrap, withSignal } from '@/lib/api-client';
import { inlineErrors } from '@/lib/react-query';

const attachments = client.api.v1.w[':workspace'].projects[':id'].attachments;

const attachmentsKey = (slug: string, projectId: string) => ['workspaces', slug, 'projects', 'detail', projectId, 'attachments'] as const;

const params = (slug: string, projectId: string) => ({ param: { workspace: seg(slug), id: seg(projectId) }, query: {} });

export const useAttachments = (slug: string, projectId: string) =>
  useQuery(
    queryOptions({
      queryKey: attachmentsKey(slug, projectId),
      meta: inlineErrors,
      queryFn: ({ signal }) => unwrap(attachments.$get(params(slug, projectId), withSignal(signal))),
      // Ask again while a scan is under way, as the files page does.
      refetchInterval: (query) => (query.state.data?.items.some(awaitingScan) ? 1500 : false),
    }),
  );

/** Uploads a file to the workspace straight to storage (with progress), then attaches it to the project. */
export function useAttachUpload(slug: string, projectId: string, { onProgress }: { onProgress: (fraction: number) => void }) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['projects', 'attach'],
    meta: inlineErrors,
    mutationFn: async (file: File) => {
      const uploaded = await uploadFile(slug, file, onProgress);
      return unwrap(attachments.$post({ ...params(slug, projectId), json: { file_id: uploaded.id } }));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['workspaces', slug] }),
  });
}

export function useDetach(slug: string, projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationKey: ['projects', 'detach'],
    mutationFn: (fileId: string) =>
      unwrap(attachments[':file_id'].$delete({ param: { workspace: seg(slug), id: seg(projectId), file_id: seg(fileId) }, query: {} })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: attachmentsKey(slug, projectId) }),
  });
}
